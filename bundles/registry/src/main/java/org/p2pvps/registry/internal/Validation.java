package org.p2pvps.registry.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.p2pvps.device.Hardware;
import org.p2pvps.device.Period;

/** Checks on what clients send; each failure names the field and what is wrong with it. */
public final class Validation {

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final long MAX_PRICE = 1_000_000_000_000L;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z0-9]{3,5}");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9_-]{1,32}");

    private Validation() {
    }

    public static String email(String email) {
        String value = required("email", email).trim().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw ApiException.invalid("email must be a valid e-mail address");
        }
        return value;
    }

    public static String newPassword(String password) {
        required("password", password);
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw ApiException.invalid("password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (!PasswordHasher.fits(password)) {
            throw ApiException.invalid("password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes long");
        }
        return password;
    }

    public static String deviceName(String name) {
        String value = required("name", name).trim();
        if (value.isEmpty() || value.length() > 64) {
            throw ApiException.invalid("name must be 1-64 characters long");
        }
        return value;
    }

    public static String description(String description) {
        String value = description == null ? "" : description.trim();
        if (value.length() > 2000) {
            throw ApiException.invalid("description must be at most 2000 characters long");
        }
        return value;
    }

    public static String currency(String currency) {
        String value = required("currency", currency).trim().toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(value).matches()) {
            throw ApiException.invalid("currency must be a 3-5 letter code such as USD or BCH");
        }
        return value;
    }

    public static Map<Period, Long> pricing(Map<String, Long> pricing) {
        if (pricing == null || pricing.isEmpty()) {
            throw ApiException.invalid("pricing must give a price for at least one of HOUR, DAY, WEEK, MONTH");
        }
        Map<Period, Long> prices = new EnumMap<>(Period.class);
        pricing.forEach((key, price) -> {
            Period period = period("pricing key", key);
            if (price == null || price < 0 || price > MAX_PRICE) {
                throw ApiException.invalid("pricing." + key + " must be a whole number of minor units from 0 to "
                        + MAX_PRICE);
            }
            prices.put(period, price);
        });
        return prices;
    }

    public static Period period(String field, String value) {
        try {
            return Period.valueOf(required(field, value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field + " must be one of HOUR, DAY, WEEK, MONTH, not '" + value + "'");
        }
    }

    public static Hardware hardware(Hardware hardware) {
        if (hardware == null) {
            throw ApiException.invalid("hardware is required");
        }
        String cpuModel = hardware.cpuModel() == null ? "" : hardware.cpuModel().trim();
        if (cpuModel.length() > 128) {
            throw ApiException.invalid("hardware.cpuModel must be at most 128 characters long");
        }
        if (hardware.cores() < 1 || hardware.cores() > 4096) {
            throw ApiException.invalid("hardware.cores must be 1-4096");
        }
        if (hardware.memoryMb() < 1) {
            throw ApiException.invalid("hardware.memoryMb must be at least 1");
        }
        if (hardware.diskMb() < 0) {
            throw ApiException.invalid("hardware.diskMb must not be negative");
        }
        String arch = required("hardware.arch", hardware.arch()).trim().toLowerCase(Locale.ROOT);
        if (!ARCH.matcher(arch).matches()) {
            throw ApiException.invalid("hardware.arch must be an architecture name such as amd64 or arm64");
        }
        return new Hardware(cpuModel, hardware.cores(), hardware.memoryMb(), hardware.diskMb(), arch);
    }

    /** @return the value cut to a length fit for an error message (ids come from the caller) */
    public static String shown(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiException.invalid(field + " is required");
        }
        return value;
    }
}
