/** The radar cannot be drawn in the asked format (too many quadrants or rings for it); the message says why. */
export class ExportNotPossible extends Error {
  override name = "ExportNotPossible";
}
