"""Notes and tags a community manager keeps on a customer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from ..core.model import Note
from .models import PersonNoteRow, PersonTagRow


def add_note(sessions: sessionmaker[Session], person_id: int, text: str, now: datetime) -> Note:
    with sessions.begin() as s:
        row = PersonNoteRow(person_id=person_id, text=text, created_at=now)
        s.add(row)
        s.flush()
        return Note(row.person_id, row.text, row.created_at, row.id)


def notes_for(sessions: sessionmaker[Session], person_id: int) -> list[Note]:
    with sessions() as s:
        rows = s.scalars(select(PersonNoteRow).where(PersonNoteRow.person_id == person_id)
                         .order_by(PersonNoteRow.created_at, PersonNoteRow.id))
        return [Note(r.person_id, r.text, r.created_at, r.id) for r in rows]


def set_tags(sessions: sessionmaker[Session], person_id: int, tags: set[str]) -> None:
    clean = {t.strip().lower() for t in tags if t.strip()}
    with sessions.begin() as s:
        s.execute(delete(PersonTagRow).where(PersonTagRow.person_id == person_id))
        s.add_all(PersonTagRow(person_id=person_id, tag=t) for t in sorted(clean))


def tags_for(sessions: sessionmaker[Session], person_id: int) -> list[str]:
    with sessions() as s:
        return list(s.scalars(select(PersonTagRow.tag).where(PersonTagRow.person_id == person_id)
                              .order_by(PersonTagRow.tag)))
