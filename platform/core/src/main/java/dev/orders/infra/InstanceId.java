package dev.orders.infra;

/** Who this process is among several instances of the same service: names its outbox leases and log lines. */
public record InstanceId(String value) {

    public InstanceId {
        value = value.length() <= 100 ? value : value.substring(0, 100);
    }
}
