import { gaussianShapes } from "./gaussian-shapes.js";
import { realWorldShapes } from "./real-world-shapes.js";
import type { Shape } from "./shape.js";
import { trafficShapes } from "./traffic-shapes.js";

/** Every shape in the benchmark, in table order. */
export const shapes: Shape[] = [...gaussianShapes, ...trafficShapes, ...realWorldShapes];
