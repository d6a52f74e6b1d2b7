package dev.sparring.fleet;

/**
 * Where a {@link LogShipper} hands each policy the receiver sent, once it arrived whole: on the shipper's thread,
 * once per policy (it may do I/O and allocate; it must not block for long). The bytes are as the trainer published
 * them and not verified yet: checking the signature against the robot's trust list is the inbox's job
 * ({@link PolicyDirectory}).
 */
@FunctionalInterface
public interface PolicyInbox {
    /**
     * @param robot     the robot's name.
     * @param sequence  the policy's sequence number on the receiver (1, 2, ... per robot and receiver run).
     * @param policy    the policy file's bytes.
     * @param signature its detached signature file's bytes ({@code POLICY.sig}).
     */
    void onPolicy(String robot, long sequence, byte[] policy, byte[] signature);
}
