// Patches that look native: a page (or a site's bot detector) that prints a patched method sees
// "function click() { [native code] }", the same name and length, and no extension source.
const nativeToString = Function.prototype.toString;
const disguised = new WeakMap<object, string>();

/** The object on the prototype chain that owns `name` (window members live on the instance). */
function ownerOf(target: object, name: string): object | null {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name)) return o;
  }
  return null;
}

/**
 * Replaces target[name] (found on its prototype chain) with make(original). Returns false when the
 * browser has no such method (e.g. showOpenFilePicker in Firefox).
 */
export function patchMethod<F extends (...args: never[]) => unknown>(
  target: object,
  name: string,
  make: (original: F) => F,
): boolean {
  const owner = ownerOf(target, name);
  const descriptor = owner && Object.getOwnPropertyDescriptor(owner, name);
  if (!owner || typeof descriptor?.value !== 'function') return false;
  const original = descriptor.value as F;
  const replacement = make(original);
  Object.defineProperty(replacement, 'name', { value: original.name });
  Object.defineProperty(replacement, 'length', { value: original.length });
  disguised.set(replacement, nativeToString.call(original));
  Object.defineProperty(owner, name, { ...descriptor, value: replacement });
  return true;
}

export function installDisguise(): void {
  patchMethod(Function.prototype, 'toString', (original: (this: unknown) => string) => {
    // Method shorthand: like native methods, it has no prototype and cannot be called with new.
    const methods = {
      toString(this: unknown) {
        return disguised.get(this as object) ?? original.call(this);
      },
    };
    return methods.toString;
  });
}

/** Replaces the getter of target[name] (an accessor on target itself) with make(original getter). */
export function patchGetter<T>(
  target: object,
  name: string,
  make: (original: (this: T) => unknown) => (this: T) => unknown,
): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  if (!descriptor?.get) return false;
  const original = descriptor.get as (this: T) => unknown;
  const replacement = make(original);
  Object.defineProperty(replacement, 'name', { value: original.name });
  disguised.set(replacement, nativeToString.call(original));
  Object.defineProperty(target, name, { ...descriptor, get: replacement });
  return true;
}
