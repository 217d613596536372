import { validateConfig } from "../../src/config/validate-config.js";

const oneSource = { sourceNames: ["prometheus"] };
const deployments = { environments: ["staging", "production"] };

describe("gate config", () => {
  describe("the old boolean form", () => {
    it.each([
      [true, { check: true, environments: {} }],
      [false, { check: false, environments: {} }],
    ])("reads `gate: %s` as the check-run gate only", (gate, expected) => {
      expect(validateConfig({ gate }, oneSource)).toMatchObject({ ok: true, config: { gate: expected } });
    });
  });

  describe("the mapping form", () => {
    it("reads gated environments with their waits in milliseconds", () => {
      const raw = { deployments, gate: { check: true, environments: { production: { after: "staging", wait: "45m" } } } };
      expect(validateConfig(raw, oneSource)).toMatchObject({
        ok: true,
        config: { gate: { check: true, environments: { production: { after: "staging", wait: 2_700_000 } } } },
      });
    });

    it("defaults wait to 45 minutes and check to false", () => {
      const raw = { deployments, gate: { environments: { production: { after: "staging" } } } };
      expect(validateConfig(raw, oneSource)).toMatchObject({
        ok: true,
        config: { gate: { check: false, environments: { production: { after: "staging", wait: 2_700_000 } } } },
      });
    });
  });

  describe("a gate Kaizen could never open", () => {
    it.each([
      [
        "an `after` environment Kaizen does not evaluate",
        { production: { after: "stagin" } },
        /`stagin` is not an environment Kaizen evaluates/,
        /Did you mean `staging`\?/,
      ],
      ["the environment gated on itself", { production: { after: "production" } }, /gated on its own evaluation/, /deployed before/],
    ])("reports %s with its fix", (_case, environments, message, fix) => {
      const result = validateConfig({ deployments, gate: { environments } }, oneSource);
      expect(result).toEqual({ ok: false, problems: [{ path: "gate.environments.production.after", message: expect.stringMatching(message), fix: expect.stringMatching(fix) }] });
    });

    it("reports a bad wait at its own path", () => {
      const result = validateConfig({ deployments, gate: { environments: { production: { after: "staging", wait: "soon" } } } }, oneSource);
      expect(result).toMatchObject({ ok: false, problems: [{ path: "gate.environments.production.wait", message: "`soon` is not a duration." }] });
    });

    it("names the options of the mapping for an unknown key", () => {
      const result = validateConfig({ gate: { enviroments: {} } }, oneSource);
      expect(result).toMatchObject({ ok: false, problems: [{ path: "gate.enviroments", fix: expect.stringMatching(/Did you mean `environments`\?/) }] });
    });
  });
});
