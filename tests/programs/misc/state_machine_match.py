def run(events):
    state = "idle"
    for ev in events:
        match (state, ev):
            case ("idle", "start"):
                state = "running"
            case ("running", "pause"):
                state = "paused"
            case ("paused", "resume"):
                state = "running"
            case (_, "stop"):
                state = "stopped"
            case (s, e):
                print(f"ignored {e!r} in {s}")
        print(ev, "->", state)
run(["start", "pause", "pause", "resume", "stop", "start"])
