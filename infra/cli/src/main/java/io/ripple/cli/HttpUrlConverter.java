package io.ripple.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * For options that name something to send HTTP requests to ({@code --broker}, {@code --url}): an
 * absolute http or https URL with a host, refused otherwise while the command line is parsed,
 * instead of failing later inside the HTTP client with its own words.
 */
public final class HttpUrlConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw notAnHttpUrl(text, e.getReason());
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw notAnHttpUrl(text, "no http or https scheme");
        }
        if (url.getHost() == null) {
            throw notAnHttpUrl(text, "no host");
        }
        return url;
    }

    private static TypeConversionException notAnHttpUrl(String text, String why) {
        return new TypeConversionException("'" + text + "' is not an http(s) URL like " + BrokerOption.DEFAULT
                + " (" + why + ")");
    }
}
