"""Routing rules for claims triage."""


def route(claim_id: str, severity: str) -> str:
    if severity == "high":
        return "fraud_review"
    return "fast_track" if severity == "low" else "adjuster"
