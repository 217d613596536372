/**
 * The GitHub call's result, or null when GitHub answers 404: the comment or issue was deleted, which callers
 * handle as a state rather than a failure. Every other error is thrown.
 */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
