package io.flashsale.configserver.board;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The console's live sale board (role ADMIN, as every {@code /api/admin} path). */
@RestController
class SaleBoardController {

	private final SaleBoard board;

	SaleBoardController(SaleBoard board) {
		this.board = board;
	}

	@GetMapping("/api/admin/sale-board")
	SaleBoard.Board board() {
		return this.board.read();
	}

}
