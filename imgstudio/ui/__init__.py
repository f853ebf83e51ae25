"""Qt user interface: shows, collects input and runs core jobs in worker threads."""
