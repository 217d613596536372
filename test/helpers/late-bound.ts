/**
 * An object that forwards every property to what `current()` returns when the property is read, so a helper can
 * hand it out while describing the tests and fill it in from a jest hook. Reading it before the hook has run
 * (or after a failed start) throws, saying what is missing.
 */
export function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const value = current();
      if (value === undefined) {
        // `then` and symbols are probed by await and by jest's printing: answer them as a plain object would.
        if (typeof property === "symbol" || property === "then") return undefined;
        throw new Error(`${what} is not ready: it is set up in beforeAll/beforeEach, so use it inside a hook or a test`);
      }
      const field: unknown = Reflect.get(value, property, value);
      return typeof field === "function" ? (field as (...args: unknown[]) => unknown).bind(value) : field;
    },
    has(_target, property) {
      const value = current();
      return value !== undefined && property in value;
    },
  });
}
