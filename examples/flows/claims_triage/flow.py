"""Claims triage: route claims to fast-track, an adjuster, or fraud review."""
from metaflow import FlowSpec, Parameter, JSONType, step

from rules import route


class ClaimsTriage(FlowSpec):
    claim_ids = Parameter("claim_ids", type=JSONType, required=True)
    severity = Parameter("severity", default="medium")
    reviewers = Parameter("reviewers", type=JSONType, help="Reviewer queue capacities")
    received_after = Parameter("received_after", help="Only claims received after this ISO-8601 instant")

    @step
    def start(self):
        self.routes = {claim: route(claim, self.severity) for claim in self.claim_ids}
        self.next(self.end)

    @step
    def end(self):
        print(self.routes)


if __name__ == "__main__":
    ClaimsTriage()
