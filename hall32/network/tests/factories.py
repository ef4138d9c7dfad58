import datetime as dt

import factory

from hall32.core.tests.factories import OrganisationFactory
from hall32.network.models import Partnership


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Partnership.Kind.COMPANY
    stage = Partnership.Stage.PARTNER
    start = dt.date(2019, 9, 1)
