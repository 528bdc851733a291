"""Errors a user can cause. The CLI turns any of them into exit code 2 and one clear line."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input (a path, a file, an argument), not a bug in this package."""


class CatalogError(UserError):
    """A catalog file is missing, unreadable or invalid. ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
