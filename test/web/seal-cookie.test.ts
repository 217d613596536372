import { randomBytes } from "node:crypto";
import { openCookie, sealCookie } from "../../src/web/seal-cookie.js";

const key = randomBytes(32);
const NOW = 1_800_000_000_000;

describe("sealCookie / openCookie", () => {
  const sealed = sealCookie(key, "kaizen_session", { login: "alice", token: "gho_secret" }, NOW + 60_000);

  it("opens what it sealed, before it expires", () => {
    expect(openCookie(key, "kaizen_session", sealed, NOW)).toEqual({ login: "alice", token: "gho_secret" });
  });

  it("does not show the token to whoever reads the cookie", () => {
    expect(Buffer.from(sealed, "base64url").toString("latin1")).not.toContain("gho_secret");
    expect(sealed).not.toContain("alice");
  });

  it("refuses a cookie with any byte changed", () => {
    const bytes = Buffer.from(sealed, "base64url");
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] = tampered[i]! ^ 0x01;
      expect(openCookie(key, "kaizen_session", tampered.toString("base64url"), NOW)).toBeNull();
    }
  });

  it("refuses a truncated or extended cookie, and junk", () => {
    expect(openCookie(key, "kaizen_session", sealed.slice(0, -2), NOW)).toBeNull();
    expect(openCookie(key, "kaizen_session", `${sealed}AA`, NOW)).toBeNull();
    expect(openCookie(key, "kaizen_session", "not a cookie!", NOW)).toBeNull();
    expect(openCookie(key, "kaizen_session", undefined, NOW)).toBeNull();
    expect(openCookie(key, "kaizen_session", "", NOW)).toBeNull();
  });

  it("refuses a cookie sealed with another key or for another purpose", () => {
    expect(openCookie(randomBytes(32), "kaizen_session", sealed, NOW)).toBeNull();
    expect(openCookie(key, "kaizen_login", sealed, NOW)).toBeNull();
  });

  it("refuses an expired cookie even if the browser kept it", () => {
    expect(openCookie(key, "kaizen_session", sealed, NOW + 60_000)).toBeNull();
  });
});
