"""Builds inputs of the golden spec's fleet_features@v1 with the generated classes, as a Python caller would, and
prints their canonical JSON (a JSON list of texts) and the violations of a badly built one, for PythonContractTest."""
import datetime
import json

from flowctl_contract import InvalidInputError, Timestamp
from risk.flows.fleet_features.v1 import FleetFeaturesInput as F

built = [
    # Only what is required: every default applied.
    F(fleet_id="f-1", output="s3://bucket/x"),
    # Every input, each type written the Python way.
    F(
        fleet_id="f-2",
        output="s3://bucket/y",
        months=36,
        mode=F.Mode.FULL,
        dry_run=True,
        as_of=datetime.date(2024, 2, 29),
        received_after=Timestamp.of(datetime.datetime(2024, 1, 31, 13, 0, 0, 500000,
                                                      tzinfo=datetime.timezone(datetime.timedelta(hours=1)))),
        threshold=0.25,
        weather_sources=[F.WeatherSources.METEOMATICS, F.WeatherSources.NOAA],
        reviewers={"alice": 3, "bob": 0},
        paths=["s3://abc/1", "s3://abc/2"],
        limits=F.Limits(max_rows=10, priority=F.Limits.Priority.HIGH,
                        window=F.Limits.Window(start=Timestamp.parse("2024-01-01T00:00:00.123456789+00:00"))),
    ),
    # A struct with its own defaults left to apply, and a nanosecond timestamp kept exactly.
    F(fleet_id="f-3", output="s3://bucket/z", limits=F.Limits(max_rows=1), received_after=Timestamp(1706702400, 1)),
]
bad = F(fleet_id=None, output="/tmp/x", months=0, limits=F.Limits(max_rows=None))  # type: ignore[arg-type]
try:
    bad.to_json()
    refused = None
except InvalidInputError as e:
    refused = [[v.path, v.message] for v in e.violations]
assert F.from_json(built[1].to_json()) == built[1]
print(json.dumps({"built": [b.to_json() for b in built], "refused": refused}, ensure_ascii=False))
