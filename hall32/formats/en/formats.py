# One way to write a date in each language, also where a template or the admin asks Django's
# formats (DATE_FORMAT, SHORT_DATE_FORMAT): "1 December 2026" / « 1 décembre 2026 ». The
# `long_date` filter (hall32/core/dates.py) adds the French « 1er » for the first of the month.
# Input formats stay Django's: the forms' date fields are ISO (<input type="date">).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
