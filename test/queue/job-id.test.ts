import { jobId } from "../../src/queue/create-queue.js";

describe("jobId", () => {
  it("is the same UUID for the same name and key", () => {
    expect(jobId("plan-evaluation", "17")).toBe(jobId("plan-evaluation", "17"));
  });

  it.each([
    ["another key", "plan-evaluation", "18"],
    ["another job", "evaluate-deployment", "17"],
    ["a key that only differs in where the name ends", "plan-evaluation1", "7"],
  ])("differs for %s", (_case, name, key) => {
    expect(jobId(name, key)).not.toBe(jobId("plan-evaluation", "17"));
  });

  it("has the layout of a version 5 UUID", () => {
    const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(jobId("validate-config", "1:abc")).toMatch(uuidV5);
  });
});
