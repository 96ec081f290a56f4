"""Real-time plumbing: the event bus, the job runner and (later) the websocket hub."""
