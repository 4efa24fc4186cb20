"""Alembic environment for the Relais cache (run from code by storage.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from relais.storage.models import Base

FTS_PREFIX = "message_fts"  # FTS5 virtual table and its shadow tables: managed by hand


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    return not (type_ == "table" and name and name.startswith(FTS_PREFIX))


def run_migrations_online() -> None:
    cfg = context.config
    connectable = cfg.attributes.get("connection")
    if connectable is None:
        connectable = engine_from_config(
            cfg.get_section(cfg.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
        )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=True,  # SQLite alters tables by copy
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
