import nock from "nock";

/**
 * Jest gives each test file its own modules but shares node's `http` between the files one worker runs, and nock
 * patches `http`: a file that ends with net connect disabled would refuse every real connection of the files run
 * after it in that worker (a spawned app's /healthz, a loopback GitHub). Each file gives the network back when it
 * ends. Pending mocks are left for the file's own hooks to assert on.
 */
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});
