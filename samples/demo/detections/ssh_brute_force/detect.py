from detection import remotecache

# Users each source address tried, shared by every worker and kept across runs (one day).
users_tried = remotecache("ssh_users_tried", ttl=86400)


def detect(record):
    return (
        record.deepget("event.action") == "ssh_login"
        and record.deepget("event.outcome") == "failure"
    )


def title(record):
    return f"SSH brute force from {record.deepget('source.ip')}"


def dedupe(record):
    return record.deepget("source.ip")


def alert_context(record):
    ip = record.deepget("source.ip")
    tried = users_tried.add_to_string_set(ip, record.deepget("user.name", "?"))
    return {"source_ip": ip, "users_tried": tried, "host": record.deepget("host.name")}
