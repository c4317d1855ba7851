"""A model with a bug at start-up (an uncaught exception, not a usage message): a finding."""
if __name__ == "__main__":
    {}["missing"]
