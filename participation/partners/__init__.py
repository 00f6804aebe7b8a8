"""Partners: the organisations the city works with (W13, Leiedal, IMOG …), kept as city data."""
