import { FILE_PATH, type ConfigProblem } from "./config-problem.js";

/** What the `yaml` package reports about a syntax error: a YAMLParseError, maybe from another copy of the package. */
export interface YamlSyntaxError {
  message: string;
  linePos?: ReadonlyArray<{ line: number; col: number }>;
}

/** A YAML syntax error in `file` (a name already in backticks, like "`.github/kaizen.yml`") as the owner reads it. */
export function yamlSyntaxProblem(file: string, error: YamlSyntaxError): ConfigProblem {
  const position = error.linePos?.[0];
  const where = position ? ` at line ${position.line}, column ${position.col}` : "";
  const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").replace(/\.$/, "");
  return {
    path: FILE_PATH,
    message: `${file} is not valid YAML${where}: ${reason}.`,
    fix: "Fix the YAML syntax there; a YAML linter or the JSON schema in your editor shows the exact spot.",
  };
}
