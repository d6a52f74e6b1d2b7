package dev.sparring.controller.trust;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing a policy and checking it against a trust list: what is accepted, and what is refused with which reason.
 */
class PolicyTrustTest {
    private static final Path LQR = CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy");
    private static final KeyPair TRAINER = TestKeys.pair(1);
    private static final KeyPair STRANGER = TestKeys.pair(2);

    @TempDir
    Path dir;
    private Path policy;
    private TrustList trust;

    @BeforeEach
    void signedPolicy() throws Exception {
        policy = Files.copy(LQR, dir.resolve("p.policy"));
        TestKeys.sign(policy, TRAINER);
        trust = TrustList.read(TestKeys.trustFile(dir.resolve("trusted.keys"), "trainer-1", TRAINER));
    }

    @Test
    void shouldGiveTheSameKeysForTheSameSeed() {
        assertArrayEquals(TRAINER.getPublic().getEncoded(), TestKeys.pair(1).getPublic().getEncoded());
    }

    @Test
    void shouldAcceptAPolicySignedByATrustedKeyAndSayWhoSignedIt() throws Exception {
        final TrustedPolicy trusted = trust.readPolicy(policy);
        assertEquals("trainer-1", trusted.signer().name());
        assertEquals(Ed25519.keyId(TRAINER.getPublic()), trusted.signer().keyId());
        assertEquals(PolicyWriter.id(PolicyReader.read(LQR)), PolicyWriter.id(trusted.model()));
    }

    @Test
    void shouldRefuseAPolicyWithOneFlippedByteAsTampered() throws Exception {
        final byte[] bytes = Files.readAllBytes(policy);
        bytes[40] ^= 0x01;
        Files.write(policy, bytes);
        final PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
            () -> trust.readPolicy(policy));
        assertTrue(refused.getMessage().contains("p.policy is tampered: signature does not match"),
            refused.getMessage());
    }

    @Test
    void shouldRefuseASignatureThatIsNotTheKeysEvenWhenTheHashLineMatches() throws Exception {
        final PolicySignature forged = PolicySignature.sign(STRANGER, Files.readAllBytes(policy));
        new PolicySignature(Ed25519.keyId(TRAINER.getPublic()), forged.policySha256(), forged.signature())
            .write(PolicySignature.fileOf(policy));
        final PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
            () -> trust.readPolicy(policy));
        assertTrue(refused.getMessage().contains("tampered: signature does not match"), refused.getMessage());
    }

    @Test
    void shouldRefuseAPolicySignedByAKeyNotInTheTrustListNamingItsKeyId() throws Exception {
        TestKeys.sign(policy, STRANGER);
        final PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
            () -> trust.readPolicy(policy));
        assertTrue(refused.getMessage().contains("signed by unknown key " + Ed25519.keyId(STRANGER.getPublic())),
            refused.getMessage());
    }

    @Test
    void shouldRefuseAnUnsignedPolicy() throws Exception {
        Files.delete(PolicySignature.fileOf(policy));
        final PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
            () -> trust.readPolicy(policy));
        assertTrue(refused.getMessage().contains("p.policy is unsigned: no signature file"), refused.getMessage());
    }

    static Stream<Arguments> malformedSignatures() {
        return Stream.of(
            Arguments.of("truncated", (SignatureDamage) text -> text.substring(0, text.indexOf("\nsignature ") + 1),
                "is truncated: it ends before its 'signature' line"),
            Arguments.of("bad base64", (SignatureDamage) text -> text.replaceFirst("(?m)^signature .*", "signature ***"),
                "signature is not base64"),
            Arguments.of("short signature", (SignatureDamage) text -> text.replaceFirst("(?m)^signature .*",
                "signature AAAA"), "signature must decode to 64 bytes, was 3"),
            Arguments.of("wrong algorithm", (SignatureDamage) text -> text.replace("algorithm Ed25519",
                "algorithm RSA"), "algorithm must be Ed25519, was 'RSA'"),
            Arguments.of("future version", (SignatureDamage) text -> text.replace("sparring-signature 1",
                "sparring-signature 2"), "has format version '2'"),
            Arguments.of("bad key id", (SignatureDamage) text -> text.replaceFirst("key-id .*", "key-id xyz"),
                "key-id must be 16 hex digits, was 'xyz'"),
            Arguments.of("extra line", (SignatureDamage) text -> text + "comment hello\n",
                "has more lines than the 5 of a signature file"),
            Arguments.of("empty", (SignatureDamage) text -> "", "is truncated: it ends before its "
                + "'sparring-signature' line"),
            Arguments.of("huge", (SignatureDamage) text -> text + "x".repeat(1 << 20),
                "holds more than 4 KiB, the most a signature file may take"));
    }

    /** Damages a signature file's text. */
    @FunctionalInterface
    interface SignatureDamage {
        String apply(String text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSignatures")
    void shouldRefuseAMalformedSignatureFileNamingItAndTheProblem(final String name, final SignatureDamage damage,
        final String expected) throws Exception {
        final Path sig = PolicySignature.fileOf(policy);
        Files.writeString(sig, damage.apply(Files.readString(sig)));
        final PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
            () -> trust.readPolicy(policy));
        assertTrue(refused.getMessage().contains("p.policy.sig"), refused.getMessage());
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void shouldWriteThePrivateKeyReadableByItsOwnerOnlyAndReadBothKeysBack() throws Exception {
        final Path key = dir.resolve("keys/trainer.key");
        KeyFiles.write(TRAINER, key, false, "trainer");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertArrayEquals(TRAINER.getPrivate().getEncoded(), KeyFiles.readPrivate(key).getEncoded());
        assertArrayEquals(TRAINER.getPublic().getEncoded(),
            KeyFiles.readPublic(KeyFiles.publicKeyFile(key)).getEncoded());
        assertTrue(Files.readString(KeyFiles.publicKeyFile(key)).contains("key id "
            + Ed25519.keyId(TRAINER.getPublic())));
    }

    @Test
    void shouldRefuseToWriteOverAnExistingKeyUnlessForced() throws Exception {
        final Path key = dir.resolve("trainer.key");
        KeyFiles.write(TRAINER, key, false, "trainer");
        final ConfigException refused = assertThrows(ConfigException.class,
            () -> KeyFiles.write(STRANGER, key, false, "trainer"));
        assertTrue(refused.getMessage().contains("trainer.key exists; pass --force"), refused.getMessage());
        assertArrayEquals(TRAINER.getPrivate().getEncoded(), KeyFiles.readPrivate(key).getEncoded());
        KeyFiles.write(STRANGER, key, true, "trainer");
        assertArrayEquals(STRANGER.getPrivate().getEncoded(), KeyFiles.readPrivate(key).getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void shouldRefuseToSignWithAPrivateKeyThatIsNotThePublicKeysPair() {
        assertThrows(IllegalArgumentException.class, () -> PolicySignature.sign(new KeyPair(TRAINER.getPublic(),
            STRANGER.getPrivate()), new byte[] {1, 2, 3}));
    }

    static Stream<Arguments> badTrustFiles() {
        final String trainer = TestKeys.trustLine("trainer-1", TRAINER);
        return Stream.of(
            Arguments.of("# only a comment\n", "lists no keys"),
            Arguments.of(trainer + trainer.replace("trainer-1", "trainer-2"), "line 2 repeats key "),
            Arguments.of(trainer + TestKeys.trustLine("trainer-1", STRANGER), "line 2 repeats the name 'trainer-1'"),
            Arguments.of("trainer-1\n", "line 1 must be '<name> <public key>', had 1 fields"),
            Arguments.of("trainer-1 bm90IGEga2V5\n", "line 1: 'trainer-1' has no Ed25519 public key"),
            Arguments.of("trainer/1 " + trainer.split(" ")[1], "line 1: the name must be"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badTrustFiles")
    void shouldRefuseABadTrustFileNamingTheLine(final String text, final String expected) throws Exception {
        final Path file = Files.write(dir.resolve("bad.keys"), text.getBytes(StandardCharsets.UTF_8));
        final ConfigException refused = assertThrows(ConfigException.class, () -> TrustList.read(file));
        assertTrue(refused.getMessage().contains("bad.keys"), refused.getMessage());
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
