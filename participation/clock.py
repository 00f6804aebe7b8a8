"""The platform's clock: moments are stored as naive UTC and read in Brussels time.

Every conversion between the two happens here, so that screens, exports, the PDF reports and the
API say the same time. A day a person types ("closes on 20/12/2026") is a day in Brussels: it starts
at local midnight and ends at the next local midnight, summer time or not.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def utcnow() -> datetime:
    """Naive UTC, as stored in every DateTime column."""
    return datetime.now(UTC).replace(tzinfo=None)


def in_brussels(moment: datetime) -> datetime:
    """A stored moment (naive UTC, or aware) as an aware Brussels time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRUSSELS)


def brussels_wall_time(moment: datetime) -> datetime:
    """The Brussels clock at that moment, without a zone: what a spreadsheet cell shows."""
    return in_brussels(moment).replace(tzinfo=None)


def start_of_day(day: date | None) -> datetime | None:
    """Midnight in Brussels at the start of `day`, as naive UTC."""
    if day is None:
        return None
    return datetime.combine(day, time(0, 0), tzinfo=BRUSSELS).astimezone(UTC).replace(tzinfo=None)


def end_of_day(day: date | None) -> datetime | None:
    """The moment `day` is over in Brussels (the next local midnight), as naive UTC: a phase whose
    last day is `day` is open until 23:59 that day and closed at this moment."""
    if day is None:
        return None
    return start_of_day(day + timedelta(days=1))


def local_day(moment: datetime | None) -> date | None:
    """The Brussels day a moment falls on."""
    if moment is None:
        return None
    return in_brussels(moment).date()


def last_day(closes_at: datetime | None) -> date | None:
    """The last Brussels day something that closes at `closes_at` is open (the day before, when it
    closes at midnight)."""
    if closes_at is None:
        return None
    return local_day(closes_at - timedelta(microseconds=1))


def iso_brussels(moment: datetime | None) -> str | None:
    """ISO 8601 on the Brussels clock with its offset (2026-12-20T23:59:00+01:00), to the second."""
    if moment is None:
        return None
    return in_brussels(moment).replace(microsecond=0).isoformat()


def brussels_today() -> date:
    return local_day(utcnow())
