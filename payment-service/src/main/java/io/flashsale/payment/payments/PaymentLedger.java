package io.flashsale.payment.payments;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The append-only ledger: one entry per status change, written in the transaction of the
 * change.
 */
@Mapper
public interface PaymentLedger {

	@Insert("INSERT INTO payment_ledger (payment_id, from_status, to_status, amount_cents, source, detail, "
			+ "recorded_at) VALUES (#{paymentId}, #{from}, #{to}, #{amountCents}, #{source}, #{detail}, #{at})")
	void append(@Param("paymentId") String paymentId, @Param("from") PaymentStatus from, @Param("to") PaymentStatus to,
			@Param("amountCents") long amountCents, @Param("source") String source, @Param("detail") String detail,
			@Param("at") Instant at);

	@Select("SELECT payment_id, from_status, to_status, amount_cents, source, detail, recorded_at "
			+ "FROM payment_ledger WHERE payment_id = #{paymentId} ORDER BY id")
	List<Entry> entries(String paymentId);

	/**
	 * One status change.
	 *
	 * @param paymentId the payment
	 * @param fromStatus the status before, null for the creation
	 * @param toStatus the status after
	 * @param amountCents the payment's amount
	 * @param source who learnt it: {@code api}, {@code callback}, {@code query},
	 * {@code reconciliation}, {@code order-cancelled}, {@code refund}
	 * @param detail a short note
	 * @param recordedAt when
	 */
	record Entry(String paymentId, PaymentStatus fromStatus, PaymentStatus toStatus, long amountCents, String source,
			String detail, Instant recordedAt) {

	}

}
