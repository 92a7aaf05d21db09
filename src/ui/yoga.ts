// Ink's layout engine (yoga-layout), loaded before the first render. yoga-layout's own entry awaits
// its WebAssembly at the top level, which a CommonJS bundle cannot do; the TUI's bundle maps
// `yoga-layout` to this module, whose object is filled in by `initYoga()` (Ink only calls into it
// when it renders).
import { loadYoga } from 'yoga-layout/load';

type Yoga = Awaited<ReturnType<typeof loadYoga>>;

const yoga = {} as Yoga;
export default yoga;

let loading: Promise<void> | undefined;

/**
 * Loads yoga's WebAssembly (embedded as base64). Emscripten's loader asks `typeof fetch` first, and
 * reading Node's global `fetch` loads undici, its URL parser and node:crypto (~20 ms of the first
 * frame) for nothing: the module is decoded from base64 either way. So `fetch` reads as undefined
 * until yoga is loaded, then Node's own (still unloaded) getter is put back.
 */
export function initYoga(): Promise<void> {
  if (loading) return loading;
  const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchDescriptor?.configurable) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  const restore = () => {
    if (fetchDescriptor?.configurable) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
  };
  loading = loadYoga().then(
    (y) => {
      restore();
      Object.assign(yoga, y);
    },
    (err: unknown) => {
      restore();
      throw err;
    },
  );
  return loading;
}
