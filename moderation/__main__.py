"""``python -m moderation INPUT.jsonl``: the batch command without the app."""

from moderation.cli import cluster_command

if __name__ == "__main__":
    cluster_command()
