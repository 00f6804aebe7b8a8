"""How long a wrong password takes for an existing account and for an unknown address.

The two must not differ (a dummy hash is checked for unknown addresses), or the time of the answer
would tell who has an account. Runs the login form through the test client on a throw-away SQLite
database, alternating the two cases, and prints the median and the 90th percentile of each.

    .venv/bin/python bench/accounts/login_timing.py [--rounds 40]

Last run (2026-12-01, 2 shared CPUs, load average about 8, 30 tries each; scrypt dominates):

    before (main)     existing account  median 514 ms, p90 626 ms; unknown address median 22 ms, p90 28 ms
    after             existing account  median 372 ms, p90 433 ms; unknown address median 354 ms, p90 442 ms
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    import flask_migrate

    from participation import create_app
    from participation.accounts.services import create_user
    from participation.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="login-timing-"))
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'timing.db'}",
                     LOCKOUT_THRESHOLD=10**6)
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        create_user("bestaat@example.org", "Wachtwoord-2026", "Bestaat", [])
        db.session.commit()
    client = app.test_client()
    times: dict[str, list[float]] = {"existing account": [], "unknown address": []}
    for n in range(args.rounds + 2):
        cases = (("existing account", "bestaat@example.org"), ("unknown address", f"niemand{n}@example.org"))
        for label, email in cases:
            start = time.perf_counter()
            response = client.post("/account/aanmelden", data={"email": email, "password": "Fout-wachtwoord-1"})
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200
            if n >= 2:  # the first rounds warm up caches
                times[label].append(elapsed)
    for label, values in times.items():
        values.sort()
        p90 = values[int(len(values) * 0.9) - 1]
        print(f"{label:17s} median {statistics.median(values):6.1f} ms   p90 {p90:6.1f} ms   ({len(values)} tries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
