"""One module per subcommand. Each exposes ``register(subparsers)``, which adds its parser and
sets ``func`` to a callable ``(args) -> int`` returning the exit code. Heavy imports stay inside
``func``, so ``advisor --help`` and ``advisor tactics`` start fast.
"""

COMMAND_MODULES = ("tactics", "catalog", "scan", "rules", "measure")
