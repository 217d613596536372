/**
 * Registers `start` before and `stop` after the tests of the enclosing describe block: once for the block, or with
 * `each` around every test.
 */
export function aroundTests(start: () => Promise<void>, stop: () => Promise<void>, each = false): void {
  if (each) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
}
