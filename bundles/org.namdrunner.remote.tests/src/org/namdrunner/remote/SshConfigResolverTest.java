package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.OpenSSHConfig;

class SshConfigResolverTest {
    static final String CONFIG = """
            Host hpc
              HostName login.example.edu
              User alice
              Port 2200
              IdentityFile ~/.ssh/id_hpc
              IdentityAgent ~/.ssh/agent-%r.sock
              ProxyJump bastion
            Host bastion
              HostName bastion.example.edu
              User bob
              IdentityAgent none
            Host deep
              HostName deep.example.edu
              IdentityAgent SSH_AUTH_SOCK
              ProxyJump carol@gw1.example.edu:2022,[10.0.0.1]:23
            Host *.example.edu
              IdentityFile ~/.ssh/id_%h_%r
            """;

    SshConfigResolver resolver() throws Exception {
        return new SshConfigResolver(OpenSSHConfig.parse(CONFIG), "localme", Path.of("/home/localme"));
    }

    @Test
    void aliasResolvesHostNameUserPortKeyAndJump() throws Exception {
        SshConfigResolver.Target t = resolver().resolve(ConnectionSettings.builder("hpc").build());
        assertEquals("login.example.edu", t.hostName());
        assertEquals(2200, t.port());
        assertEquals("alice", t.user());
        assertEquals(List.of(Path.of("/home/localme/.ssh/id_hpc")), t.identityFiles());
        assertEquals(1, t.jumps().size());
        SshConfigResolver.Target j = t.jumps().get(0);
        assertEquals("bastion.example.edu", j.hostName());
        assertEquals("bob", j.user());
        assertEquals(22, j.port());
        assertEquals("bob@bastion.example.edu:22", j.destination());
    }

    @Test
    void explicitSettingsWinOverTheConfig() throws Exception {
        SshConfigResolver.Target t = resolver().resolve(ConnectionSettings.builder("hpc").user("zed").port(2222)
                .keyFile(Path.of("/keys/k")).proxyJump("none").build());
        assertEquals("zed", t.user());
        assertEquals(2222, t.port());
        assertEquals(List.of(Path.of("/keys/k")), t.identityFiles());
        assertTrue(t.jumps().isEmpty());
    }

    @Test
    void unknownHostsFallBackToDefaultsAndTokensExpand() throws Exception {
        SshConfigResolver.Target t = resolver().resolve(ConnectionSettings.builder("x.example.edu").build());
        assertEquals("x.example.edu", t.hostName());
        assertEquals(22, t.port());
        assertEquals("localme", t.user());
        assertEquals(List.of(Path.of("/home/localme/.ssh/id_x.example.edu_localme")), t.identityFiles());
    }

    @Test
    void proxyJumpListsWithUsersPortsAndBrackets() throws Exception {
        SshConfigResolver.Target t = resolver().resolve(ConnectionSettings.builder("deep").build());
        assertEquals(2, t.jumps().size());
        assertEquals("carol@gw1.example.edu:2022", t.jumps().get(0).destination());
        assertEquals("localme@10.0.0.1:23", t.jumps().get(1).destination());
    }

    @Test
    void badProxyJumpIsAConfigurationError() throws Exception {
        RemoteException e = assertThrows(RemoteException.class,
                () -> resolver().resolve(ConnectionSettings.builder("h").proxyJump("gw:99999").build()));
        assertEquals(RemoteErrorKind.CONFIGURATION, e.getKind());
    }

    @Test
    void configFileIsInjectable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config");
        Files.writeString(f, "Host tc\n  HostName 127.0.0.1\n  Port 2222\n  User nrtest\n");
        SshConfigResolver.Target t = SshConfigResolver.forFile(f).resolve(ConnectionSettings.builder("tc").build());
        assertEquals("nrtest@127.0.0.1:2222", t.destination());
        SshConfigResolver.Target none = SshConfigResolver.forFile(dir.resolve("missing"))
                .resolve(ConnectionSettings.builder("tc").build());
        assertEquals("tc", none.hostName());
    }

    @Test
    void invalidHostNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.builder("-oProxyCommand=x"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.builder("a b"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.builder(" "));
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.builder("h").port(70000));
    }

    @Test
    void identityAgentIsExpandedAndNoneAndTheEnvironmentAreKept() throws Exception {
        SshConfigResolver r = resolver();
        assertEquals("/home/localme/.ssh/agent-alice.sock", r.resolve(ConnectionSettings.builder("hpc").build()).identityAgent());
        assertEquals("none", r.resolve(ConnectionSettings.builder("bastion").build()).identityAgent());
        // SSH_AUTH_SOCK names the default: the environment's agent
        assertEquals(null, r.resolve(ConnectionSettings.builder("deep").build()).identityAgent());
        assertEquals(null, r.resolve(ConnectionSettings.builder("elsewhere.org").build()).identityAgent());
    }
}
