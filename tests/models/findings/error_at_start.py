"""The tutorial's one-liner run as a script: `multiprocessing` is used without being imported,
so the main process dies of NameError in its first step, before any operation."""
multiprocessing.current_process().name  # noqa: F821
