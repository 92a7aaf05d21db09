// A simulated pod's identity (UID, IP, node) derived from its name and the seed: the same pod and seed always get the same one.
import { Rng, fnv1a } from './engine/rng.js';
import type { PodIdentity } from './kubelet/pod-worker.js';

export const NODE_NAME = 'kubedrill-node';

/** Deterministic identity of the pod: UID (v4-looking), IP 10.244.0.N and node name, from name + seed. */
export function podIdentity(name: string, namespace: string, seed: number): PodIdentity {
  const h = fnv1a(`${namespace}/${name}#${seed}`);
  const r = new Rng(h);
  const hex = r.hex(32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16], 16) & 3];
  const u = hex.join('');
  const uid = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
  return { name, namespace, uid, nodeName: NODE_NAME, podIP: `10.244.0.${2 + (h % 250)}` };
}
