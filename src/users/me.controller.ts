import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import { UpdateMeDto } from './dto/update-me.dto';
import { UserResponse } from './dto/user.response';
import { User } from './user.entity';
import { toUserView, UsersService, type UserView } from './users.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<UserView> {
    // The guard's user carries only what the reader state holds (id, role, last activity).
    return toUserView(await this.users.mustFind(user.id));
  }

  @Patch()
  @ApiOkResponse({ type: UserResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  async update(@CurrentUser() user: User, @Body() body: UpdateMeDto, @Query() _query: EmptyQuery): Promise<UserView> {
    return toUserView(await this.users.updateDisplayName(user.id, body.displayName));
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The account and everything of it is erased; its tokens stop working.' })
  async erase(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<void> {
    await this.users.erase(user.id);
  }
}
