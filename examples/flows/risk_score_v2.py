"""Risk score v2: driving features plus weather exposure."""
from metaflow import FlowSpec, Parameter, JSONType, step


class RiskScore(FlowSpec):
    fleet_id = Parameter("fleet_id", required=True)
    features = Parameter("features", required=True)
    weather_sources = Parameter("weather_sources", type=JSONType, default='["noaa"]')
    threshold = Parameter("threshold", default=0.75)
    as_of = Parameter("as_of", default=None)

    @step
    def start(self):
        self.exposure = {source: 0.0 for source in self.weather_sources}
        self.next(self.end)

    @step
    def end(self):
        print(f"{self.fleet_id}: exposure {self.exposure}")


if __name__ == "__main__":
    RiskScore()
