import nock from "nock";
import { EXAMPLE_REPO } from "../helpers/nock-app.js";
import { GITHUB_API, nockCreateComment, nockListComments } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { TRIES_ON_5XX } from "../helpers/production-octokit.js";
import { INSTALLATION_ID, issueCommentPayload } from "../helpers/webhook-payloads.js";

type Sent = Array<Record<string, unknown>>;

describe("issue_comment.created with /radar, when GitHub keeps failing", () => {
  // No retry: the first failure is the last, and the command is given up on at once.
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID, retryLimit: 0 });

  it("tells the author, on the issue, that the command was not carried out and how to retry", async () => {
    nock(GITHUB_API).get(`/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`).times(TRIES_ON_5XX).reply(502, { message: "Bad Gateway" });
    nockListComments({ ...EXAMPLE_REPO, issueNumber: 50, pages: [[]] });
    const sent: Sent = [];
    nockCreateComment({ ...EXAMPLE_REPO, issueNumber: 50, sent });
    const payload = issueCommentPayload({ commentId: 5050, issueNumber: 50, labels: ["radar"], body: "/radar move trial — worth a try", at: new Date() });

    await kaizen.probot.receive({ id: "comment-give-up", name: "issue_comment", payload: payload as never });
    const deadline = Date.now() + 20_000;
    while (sent.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    expect(sent.map((c) => c["body"])).toEqual([
      "<!-- kaizen:radar-reply:5050 -->\n@Codertocat, Kaizen could not carry out this command: GitHub or its database kept failing through every retry, so nothing moved. Post the command again in a new comment to retry; the operator's log has the reason under the job `radar-command`.\n",
    ]);
  });
});
