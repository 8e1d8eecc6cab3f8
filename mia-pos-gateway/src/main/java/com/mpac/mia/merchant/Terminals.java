package com.mpac.mia.merchant;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** Lookups of configured terminals for the MIA POS features. */
@Service
public class Terminals {

    private final MerchantRepository repository;

    Terminals(MerchantRepository repository) {
        this.repository = repository;
    }

    /** The usable terminal with this MIA terminal id whose merchant has this IDNO. */
    public Optional<Terminal> findForActivation(String miaTerminalId, String merchantIdno) {
        return repository.findByMiaIds(miaTerminalId, merchantIdno).filter(Terminal::usable);
    }

    public Optional<Terminal> find(String terminalId) {
        return repository.find(terminalId);
    }
}
