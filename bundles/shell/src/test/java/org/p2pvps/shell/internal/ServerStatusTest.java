package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceService;
import org.p2pvps.gateway.SshGateway;
import org.p2pvps.gateway.Tunnel;
import org.p2pvps.store.MongoStore;

import com.mongodb.client.MongoDatabase;

/** {@code p2pvps:status}: every part present, each part missing, and a store that does not answer. */
class ServerStatusTest {

    private final SampleRegistry registry = new SampleRegistry();
    private final InMemoryServices.Devices deviceService = registry.deviceService;
    private final InMemoryServices.Owners ownerService = registry.ownerService;
    private final InMemoryServices.Listings listingService = registry.listingService;
    private final InMemoryServices.Rentals rentalService = new InMemoryServices.Rentals(List.of(
            TestData.active("r3", "d2", 0), TestData.pending("r2", "d1"), TestData.expired("r1", "d1")), TestData.NOW);

    @RegisterExtension
    final Console console = new Console();

    @Test
    void everyPartRunningIsShownWithWhatItHolds() throws Exception {
        StatusCommand command = new StatusCommand();
        command.store = new Store(true);
        command.devices = deviceService;
        command.owners = ownerService;
        command.listings = listingService;
        command.rentals = rentalService;
        command.gateway = new Gateway();

        Console.run(command);

        assertThat(console.out())
                .containsPattern("Store +\\| embedded, answers")
                .containsPattern("Devices +\\| 3 \\(2 registered, 1 online\\)")
                .containsPattern("Owners +\\| 2")
                .containsPattern("Rentals +\\| 1 active, 1 waiting for payment, 3 in all")
                .containsPattern("SSH gateway +\\| port 2222, 1 tunnel up, host key SHA256:gatewaykey");
    }

    /** The command is there when nothing else is: a store waiting for its database, no gateway installed. */
    @Test
    void missingPartsSayWhereToLook() throws Exception {
        Console.run(new StatusCommand());

        assertThat(console.out())
                .containsPattern("Store +\\| not started: data/log/karaf.log says why")
                .containsPattern("Registry +\\| not running \\(it starts with the store")
                .containsPattern("SSH gateway +\\| not running \\(feature:install p2pvps-ssh-gateway");
    }

    /** No count is asked of a store that does not answer: each would wait for the driver's timeout. */
    @Test
    void aStoreThatDoesNotAnswerIsSaidAndNotQueried() throws Exception {
        ServerStatus status = new ServerStatus(new Store(false), failingDevices(), ownerService, listingService,
                rentalService, null);

        assertThat(status.fields()).contains(new Field("Store", "embedded, DOES NOT ANSWER"),
                new Field("Registry", "running; its data cannot be read while the store does not answer"));
    }

    @Test
    void aCountThatFailsIsOneLineOfTheStatus() {
        ServerStatus status = new ServerStatus(new Store(true), failingDevices(), ownerService, listingService,
                rentalService, null);

        assertThat(status.fields()).contains(new Field("Devices", "could not be read: Timed out"),
                new Field("Owners", "2"));
    }

    /** Parts that stop while the command reads them: their lines say so, the others still show. */
    @Test
    void aStoreOrGatewayStoppingMeanwhileIsALineNotTheEnd() {
        MongoStore closed = new Store(true) {
            @Override
            public boolean reachable() {
                throw new IllegalStateException("state should be: open");
            }
        };
        SshGateway stopping = new Gateway() {
            @Override
            public int port() {
                throw new IllegalStateException("the SSH gateway is stopped");
            }
        };
        ServerStatus status = new ServerStatus(closed, deviceService, ownerService, listingService, rentalService,
                stopping);

        assertThat(status.fields()).contains(new Field("Store", "embedded, DOES NOT ANSWER"),
                new Field("SSH gateway", "could not be read: the SSH gateway is stopped"));
    }

    /** A device service whose store stopped answering: every read fails as the driver's would. */
    private static DeviceService failingDevices() {
        return new DeviceService() {
            @Override
            public Optional<Device> find(String deviceId) {
                throw new IllegalStateException("Timed out");
            }

            @Override
            public List<Device> list(int skip, int limit) {
                throw new IllegalStateException("Timed out");
            }

            @Override
            public long count() {
                throw new IllegalStateException("Timed out");
            }
        };
    }

    /** The store as the registry sees it; only whether it answers matters here. */
    private static class Store implements MongoStore {

        private final boolean answers;

        Store(boolean answers) {
            this.answers = answers;
        }

        @Override
        public MongoDatabase database() {
            throw new UnsupportedOperationException("the status does not read the database itself");
        }

        @Override
        public Mode mode() {
            return Mode.EMBEDDED;
        }

        @Override
        public boolean reachable() {
            return answers;
        }
    }

    private static class Gateway implements SshGateway {

        @Override
        public String hostKeyFingerprint() {
            return "SHA256:gatewaykey";
        }

        @Override
        public int port() {
            return 2222;
        }

        @Override
        public List<Tunnel> tunnels() {
            return List.of(new Tunnel("d2", 6002, "0.0.0.0", new InetSocketAddress("127.0.0.1", 50000),
                    TestData.NOW, 10, 20));
        }

        @Override
        public Optional<Tunnel> tunnel(String deviceId) {
            return tunnels().stream().filter(tunnel -> tunnel.deviceId().equals(deviceId)).findFirst();
        }

        @Override
        public boolean kick(String deviceId) {
            return false;
        }

        @Override
        public boolean requestCheckIn(String deviceId) {
            return false;
        }
    }
}
