package io.ripple.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --broker} option shared by the commands that talk to a broker. */
public class BrokerOption {

    /** Where `ripple up` puts the broker of knative/base. */
    public static final String DEFAULT = "http://127.0.0.1:8080/ripple/default";

    @Option(names = "--broker", converter = HttpUrlConverter.class,
            defaultValue = "${env:RIPPLE_BROKER:-" + DEFAULT + "}",
            description = "broker ingress URL (default: $RIPPLE_BROKER or " + DEFAULT + ")")
    public URI broker;

    /** The broker's base URL (scheme, host, port), where its query API lives. */
    public URI base() {
        return URI.create(broker.getScheme() + "://" + broker.getRawAuthority());
    }
}
