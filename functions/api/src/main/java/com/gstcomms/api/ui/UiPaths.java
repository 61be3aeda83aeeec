package com.gstcomms.api.ui;

/** Where the merchant's pages live: everything under {@code /ui} (assets under {@code /ui/assets}). */
public final class UiPaths {

    public static final String ROOT = "/ui";
    public static final String SIGN_IN = "/ui/sign-in";
    public static final String HOME = "/ui/notifications";

    private UiPaths() {
    }

    public static boolean isPage(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }
}
