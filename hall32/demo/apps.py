from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "hall32.demo"
    label = "demo"
    verbose_name = _("Hub de démonstration")

    def ready(self) -> None:
        from hall32.demo import (
            core,
            industry,
            loader,
            network,
            network_interactions,
            network_offers,
            network_relations,
            outreach,
            training,
        )

        # The order each part loads in: a part finds the rows of those before it by natural keys.
        loader.register("core", core.load, order=0)
        for name, load, order in training.PARTS:
            loader.register(name, load, order=order)
        # After training.frameworks (12), which adds the hub itself as a partner school.
        loader.register("network", network.load, order=15)
        loader.register("outreach", outreach.load, order=30)
        for name, load, order in industry.PARTS:
            loader.register(name, load, order=order)
        # After every other app: the network's stages, exchanges and offers follow what they did.
        loader.register("network.relations", network_relations.load, order=120)
        loader.register("network.interactions", network_interactions.load, order=125)
        loader.register("network.offers", network_offers.load, order=130)
        loader.register("network.matching", network_offers.load_matching_run, order=140)
