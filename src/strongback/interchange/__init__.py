"""Files in and out: Strong and Hevy CSV, free-exercise-db, JSON backup, iCalendar."""
