import type { Page } from "playwright-core";

export interface DrawnBlip {
  issue: number;
  ringName: string | null;
  quadrant: string | null;
  moved: string | null;
  name: string | null;
  href: string | null;
  /** From the radar's centre, in the SVG's units. */
  distance: number;
  ring: { inner: number; outer: number };
  /** Clockwise from 12 o'clock, 0–360. */
  bearing: number;
}

/** The blips of the page's radar where the browser drew them (the shapes' boxes, not what the attributes claim). */
export async function readRadarBlips(page: Page): Promise<DrawnBlip[]> {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.kz-radar")!;
    const [, , size] = svg.getAttribute("viewBox")!.split(" ").map(Number);
    const center = size! / 2;
    const ring = (name: string) => {
      const circle = svg.querySelector(`circle.kz-ring[data-ring="${name}"]`)!;
      return { inner: Number(circle.getAttribute("data-inner-radius")), outer: Number(circle.getAttribute("r")) };
    };
    return [...svg.querySelectorAll("a.kz-blip")].map((blip) => {
      const box = (blip.querySelector("path") as SVGPathElement).getBBox();
      const x = box.x + box.width / 2 - center;
      const y = box.y + box.height / 2 - center;
      const angle = (Math.atan2(y, x) * 180) / Math.PI;
      return {
        issue: Number(blip.getAttribute("data-issue")),
        ringName: blip.getAttribute("data-ring"),
        quadrant: blip.getAttribute("data-quadrant"),
        moved: blip.getAttribute("data-moved"),
        name: blip.getAttribute("aria-label"),
        href: blip.getAttribute("href"),
        distance: Math.hypot(x, y),
        ring: ring(blip.getAttribute("data-ring")!),
        bearing: (angle + 90 + 360) % 360,
      };
    });
  });
}

/** The blips drawn outside their ring's band or their quadrant's quarter (quadrants clockwise from 12 o'clock). */
export function blipsOutsideTheirPlace(blips: DrawnBlip[], quadrants: string[]): DrawnBlip[] {
  return blips.filter((b) => !(b.distance > b.ring.inner && b.distance < b.ring.outer && Math.floor(b.bearing / 90) === quadrants.indexOf(b.quadrant!)));
}
