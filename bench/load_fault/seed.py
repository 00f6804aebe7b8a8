"""Residents with a known password for the load test: bewoner0..N-1@bench.example.org."""

import os
import sys

from participation import create_app
from participation.access import RESIDENT
from participation.accounts.services import create_user
from participation.extensions import db


def main(count: int, password: str) -> None:
    app = create_app()
    with app.app_context():
        for n in range(count):
            create_user(f"bewoner{n}@bench.example.org", password, f"Bewoner {n}", [RESIDENT])
        db.session.commit()
    print(f"{count} residents ready")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40, os.environ.get("BENCH_PASSWORD", "Bench-wachtwoord-1"))
