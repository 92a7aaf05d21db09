// Values a real cluster would invent (image digests, the token volume's suffix, the node's IP),
// derived from the trace so the same run always prints the same text.
import { sha256Hex } from './sha256.js';

/** The simulated node's InternalIP (describe prints `Node: NODE/HOST_IP`). */
export const HOST_IP = '10.0.0.10';

const hex = sha256Hex;

/** `nginx:1.14` → `docker.io/library/nginx`; registry hosts are kept. */
export function imageRepository(image: string): string {
  const at = image.indexOf('@');
  let ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const first = ref.split('/')[0]!;
  const hasRegistry = ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry) return ref;
  return ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}

/** The `Image ID:` containerd reports: repository@sha256:digest (digest derived from the reference). */
export function imageId(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return `${imageRepository(image)}${image.slice(at)}`;
  return `${imageRepository(image)}@sha256:${hex('image:' + image)}`;
}

const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** `kube-api-access-xxxxx`: the projected token volume the ServiceAccount admission adds. */
export function apiAccessVolumeName(podUid: string): string {
  const h = hex('kube-api-access:' + podUid);
  let s = '';
  for (let i = 0; i < 5; i++) s += SUFFIX_CHARS[parseInt(h.slice(i * 2, i * 2 + 2), 16) % SUFFIX_CHARS.length];
  return `kube-api-access-${s}`;
}
