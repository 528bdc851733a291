"""Facts: what the advisor reads out of a project's files, never running any of it.

``model`` holds the fact types (the contract with the rules); one module per file kind extracts
them (``python``, ``notebook``, ``config``, ``requirements``, ``shell``, ``docker``, ``ci``);
``collect`` runs discovery and extraction over a project
(:func:`advisor.facts.collect.collect_facts`) and holds the single pure entry point for one file
(:func:`advisor.facts.collect.extract_file`).
"""
