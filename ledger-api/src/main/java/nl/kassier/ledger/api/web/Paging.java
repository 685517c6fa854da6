package nl.kassier.ledger.api.web;

/**
 * The limits of every list the API answers page by page ({@code ?page=&size=}): the same for reservations, payments
 * and reconciliations, so that a client pages through each alike.
 */
public final class Paging {

    /** The most items a page holds. */
    public static final int PAGE_SIZE_MAX = 100;

    /** The items of a page when {@code size} is not given. */
    public static final int PAGE_SIZE_DEFAULT = 20;

    /** The last page that may be asked for, counting from zero. */
    public static final int PAGE_MAX = 100_000;

    private Paging() {}

    /** Records a field error for a {@code page} or {@code size} outside the limits. */
    public static void validate(Validation v, Integer page, Integer size) {
        v.range("page", page, 0, PAGE_MAX);
        v.range("size", size, 1, PAGE_SIZE_MAX);
    }
}
