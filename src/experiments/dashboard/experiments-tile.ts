import type { OverviewTile } from "../../web/dashboard-page.js";
import { htmlTemplateRenderer } from "../../markdown/render-html-template.js";
import { listOpenExperiments, type OpenExperimentRow } from "../store/dashboard-queries.js";

interface ExperimentPages {
  "experiments-tile": { experiments: (OpenExperimentRow & { url: string; pullUrl: string | null; waiting: boolean })[] };
}

const render = htmlTemplateRenderer<ExperimentPages>("experiments");

/** The overview's experiments section: the open experiments, their hypotheses and what each waits for. */
export const experimentsTile: OverviewTile = {
  order: 50,
  async render({ db, repo, githubUrl = "https://github.com" }) {
    const open = await listOpenExperiments(db, repo.id);
    if (open.length === 0) return undefined;
    const repoUrl = `${githubUrl}/${repo.owner}/${repo.name}`;
    const experiments = open.map((e) => ({
      ...e,
      url: `${repoUrl}/issues/${e.issueNumber}`,
      pullUrl: e.prNumber === null ? null : `${repoUrl}/pull/${e.prNumber}`,
      waiting: e.state === "waiting",
    }));
    return { title: "Experiments", html: render("experiments-tile", { experiments }) };
  },
};
